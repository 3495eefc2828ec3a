// A sample school for the demo and the publish tests: a consent list (semicolon CSV, as Excel writes it) and an
// event folder of generated photos of people-like figures with real XMP people regions (MWG, as digiKam and
// Lightroom write them) — including an unnamed face, an ambiguous name, a refusal, a form not returned, and a pupil
// whose consent the demo withdraws afterwards.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

export interface SampleFigure {
  /** Face box, normalised, top-left based. */
  readonly face: { x: number; y: number; w: number; h: number };
  /** The name tagged on the face; '' for a face nobody tagged by name. */
  readonly name: string;
  readonly tagPath?: string;
}

export interface SamplePhoto {
  readonly file: string;
  readonly figures: readonly SampleFigure[];
}

export const SAMPLE_PEOPLE_CSV = [
  'Toestemming beeldmateriaal schooljaar 2026-2027;;;;;;;;',
  'Export uit de leerlingadministratie;;;;;;;;',
  ';;;;;;;;',
  "Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Groep;Geboortedatum;Gebruik beeldmateriaal op social media;Beeldmateriaal website;Foto's nieuwsbrief",
  '1001;Zoë;;Bakker;Groep 5;12-03-2017;ja;ja;ja',
  "1002;Sem;van 't;Hof;Groep 7;20-05-2015;nee;ja;ja",
  '1003;Noah;;Jansen;Groep 3;02-02-2019;ja;ja;ja',
  '1004;Noah;;Jansen;Groep 6;14-11-2016;ja;ja;nee',
  '1005;Daniëlle;de;Groot;Groep 7;30-08-2015;ja;ja;ja',
  '1006;Fleur;van;Dijk;Groep 5;07-07-2017;;ja;ja',
  '1007;Bram;ter;Horst;Groep 5;21-01-2017;ja;nee;ja',
].join('\r\n');

const W = 3000;
const H = 2000;

/** Figure centres across the frame for n people. */
function standingFigures(names: ReadonlyArray<string | [string, string]>, scale = 1): SampleFigure[] {
  return names.map((entry, index) => {
    const [name, tagPath] = Array.isArray(entry) ? entry : [entry, undefined];
    const cx = (index + 1) / (names.length + 1);
    const faceW = 0.07 * scale;
    const faceH = faceW * (W / H);
    const figure: SampleFigure = { face: { x: cx - faceW / 2, y: 0.28 - faceH / 2, w: faceW, h: faceH }, name };
    return tagPath ? { ...figure, tagPath } : figure;
  });
}

export const SAMPLE_PHOTOS: readonly SamplePhoto[] = [
  { file: 'IMG_0001.jpg', figures: standingFigures(['Zoë Bakker', 'Bram ter Horst']) },
  { file: 'IMG_0002.jpg', figures: standingFigures(['Zoë Bakker', "Sem van 't Hof"]) },
  { file: 'IMG_0003.jpg', figures: standingFigures(['Noah Jansen', 'Zoë Bakker']) },
  { file: 'IMG_0004.jpg', figures: standingFigures(['Daniëlle de Groot', 'Fleur van Dijk', 'Bram ter Horst']) },
  { file: 'IMG_0005.jpg', figures: standingFigures(['Bram ter Horst', '', 'Zoë Bakker']) },
  { file: 'IMG_0006.jpg', figures: [{ face: { x: 0.35, y: 0.1, w: 0.3, h: 0.45 }, name: "Sem van 't Hof" }] },
];

const SKIN = ['#f1c27d', '#e0ac69', '#c68642', '#8d5524', '#ffdbac'];
const SHIRT = ['#d7263d', '#1b998b', '#2e294e', '#f46036', '#c5d86d'];

function figureSvg(figure: SampleFigure, index: number): string {
  const fx = figure.face.x * W;
  const fy = figure.face.y * H;
  const fw = figure.face.w * W;
  const fh = figure.face.h * H;
  const cx = fx + fw / 2;
  const cy = fy + fh / 2;
  const skin = SKIN[index % SKIN.length]!;
  const shirt = SHIRT[index % SHIRT.length]!;
  return `
    <rect x="${cx - fw * 0.9}" y="${fy + fh * 1.05}" width="${fw * 1.8}" height="${fh * 2.6}" rx="${fw * 0.3}" fill="${shirt}"/>
    <ellipse cx="${cx}" cy="${cy}" rx="${fw / 2}" ry="${fh / 2}" fill="${skin}"/>
    <ellipse cx="${cx}" cy="${fy + fh * 0.12}" rx="${fw * 0.52}" ry="${fh * 0.2}" fill="#3b2a1a"/>
    <circle cx="${cx - fw * 0.18}" cy="${cy - fh * 0.05}" r="${fw * 0.06}" fill="#222"/>
    <circle cx="${cx + fw * 0.18}" cy="${cy - fh * 0.05}" r="${fw * 0.06}" fill="#222"/>
    <path d="M ${cx - fw * 0.18} ${cy + fh * 0.2} Q ${cx} ${cy + fh * 0.32} ${cx + fw * 0.18} ${cy + fh * 0.2}" stroke="#7a2e2e" stroke-width="${fw * 0.04}" fill="none"/>`;
}

function mwgXmp(figures: readonly SampleFigure[]): string {
  const regions = figures
    .map((figure) => {
      const { x, y, w, h } = figure.face;
      const name = figure.name.replace(/&/g, '&amp;').replace(/'/g, '&apos;');
      return `<rdf:li><rdf:Description mwg-rs:Type="Face"${name ? ` mwg-rs:Name="${name}"` : ''}>
        <mwg-rs:Area stArea:x="${(x + w / 2).toFixed(6)}" stArea:y="${(y + h / 2).toFixed(6)}" stArea:w="${w.toFixed(6)}" stArea:h="${h.toFixed(6)}" stArea:unit="normalized"/>
      </rdf:Description></rdf:li>`;
    })
    .join('');
  const tags = figures
    .filter((figure) => figure.name)
    .map((figure) => `<rdf:li>${figure.tagPath ?? `People/${figure.name}`}</rdf:li>`.replace(/'/g, '&apos;'));
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
  xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#" xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#"
  xmlns:digiKam="http://www.digikam.org/ns/1.0/">
<mwg-rs:Regions rdf:parseType="Resource">
  <mwg-rs:AppliedToDimensions stDim:w="${W}" stDim:h="${H}" stDim:unit="pixel"/>
  <mwg-rs:RegionList><rdf:Bag>${regions}</rdf:Bag></mwg-rs:RegionList>
</mwg-rs:Regions>
<digiKam:TagsList><rdf:Seq>${tags.join('')}</rdf:Seq></digiKam:TagsList>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

export async function renderSamplePhoto(photo: SamplePhoto, seed: number): Promise<Buffer> {
  const trees = Array.from(
    { length: 12 },
    (_, i) => `<circle cx="${(i * 263 + seed * 97) % W}" cy="${H * 0.42}" r="${90 + ((i * 31) % 80)}" fill="#2f6b2f"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8ec5ff"/><stop offset="1" stop-color="#dff1ff"/></linearGradient></defs>
    <rect width="${W}" height="${H * 0.45}" fill="url(#sky)"/>${trees}
    <rect y="${H * 0.45}" width="${W}" height="${H * 0.55}" fill="#5aa147"/>
    ${photo.figures.map(figureSvg).join('')}
  </svg>`;
  const grain = await sharp({
    create: {
      width: W / 4,
      height: H / 4,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .resize(W, H, { kernel: 'nearest' })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: grain, blend: 'soft-light' }])
    .removeAlpha()
    .jpeg({ quality: 88 })
    .withExif({ IFD0: { Make: 'Canon', Model: 'EOS 250D', Artist: 'Juf Anna', Copyright: 'Basisschool De Regenboog' } })
    .withXmp(mwgXmp(photo.figures))
    .toBuffer();
}

export interface SampleSchool {
  readonly root: string;
  readonly eventDir: string;
  readonly consentCsv: string;
}

/** Writes the consent list and the event folder "Sportdag 2026" under `root`. */
export async function writeSampleSchool(
  root: string,
  photos: readonly SamplePhoto[] = SAMPLE_PHOTOS,
): Promise<SampleSchool> {
  const eventDir = path.join(root, 'Sportdag 2026');
  mkdirSync(eventDir, { recursive: true });
  const consentCsv = path.join(root, 'toestemming-2026-2027.csv');
  // Excel's "CSV (puntkomma-gescheiden)": Windows-1252.
  writeFileSync(consentCsv, encode1252(SAMPLE_PEOPLE_CSV));
  for (const [index, photo] of photos.entries())
    writeFileSync(path.join(eventDir, photo.file), await renderSamplePhoto(photo, index));
  return { root, eventDir, consentCsv };
}

/** Windows-1252 for the characters a Dutch list holds (Latin-1 range plus the curly quotes). */
function encode1252(text: string): Buffer {
  return Buffer.from(text.replace(/[\u2018\u2019]/g, "'"), 'latin1');
}
