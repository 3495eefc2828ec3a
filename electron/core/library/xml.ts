// A small, strict-enough XML reader for XMP packets: elements, attributes, text, CDATA and namespaces.
// XMP is always well-formed XML of modest size, so a DOM built in one pass is simple and fast. The reader is a loop,
// not a recursion, and refuses documents deeper or larger than any real XMP packet: a hostile file may nest 9,000
// elements in one JPEG segment, and whatever walks the tree afterwards (xmp.ts) may then recurse safely.

export interface XmlAttribute {
  readonly prefix: string;
  readonly local: string;
  /** Namespace URI, '' when the name has no prefix. */
  readonly ns: string;
  readonly value: string;
}

export interface XmlElement {
  readonly prefix: string;
  readonly local: string;
  readonly ns: string;
  readonly attributes: XmlAttribute[];
  readonly children: XmlElement[];
  text: string;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

function splitName(name: string): [string, string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** Deeper than any XMP writer nests (MWG regions with structures in lists reach about 12). */
export const MAX_XML_DEPTH = 100;
/** Larger than any XMP packet with extended XMP (a JPEG holds at most about 4 GB, real packets stay under 1 MB). */
export const MAX_XML_LENGTH = 16 * 1024 * 1024;

/** Markup the reader refuses on purpose (too deep, too large), as opposed to markup it cannot follow. */
export class XmlLimitError extends Error {
  constructor(readonly limit: 'depth' | 'length') {
    super(`xml: ${limit} limit exceeded`);
  }
}

/** Parses an XML document and returns its root element; throws on markup it cannot follow or beyond the limits. */
export function parseXml(source: string): XmlElement {
  if (source.length > MAX_XML_LENGTH) throw new XmlLimitError('length');
  const root: XmlElement = { prefix: '', local: '#document', ns: '', attributes: [], children: [], text: '' };
  const stack: Array<{ element: XmlElement; scope: Map<string, string> }> = [
    { element: root, scope: new Map([['xml', XML_NS]]) },
  ];
  let position = 0;
  while (position < source.length) {
    const open = source.indexOf('<', position);
    const top = stack[stack.length - 1]!;
    if (open < 0) {
      top.element.text += decodeEntities(source.slice(position));
      break;
    }
    if (open > position) top.element.text += decodeEntities(source.slice(position, open));
    if (source.startsWith('<!--', open)) {
      position = endOf(source, '-->', open);
    } else if (source.startsWith('<![CDATA[', open)) {
      const end = source.indexOf(']]>', open);
      if (end < 0) throw new Error('xml: unterminated CDATA');
      top.element.text += source.slice(open + 9, end);
      position = end + 3;
    } else if (source.startsWith('<?', open)) {
      position = endOf(source, '?>', open);
    } else if (source.startsWith('<!', open)) {
      position = endOf(source, '>', open);
    } else if (source.startsWith('</', open)) {
      const close = source.indexOf('>', open);
      if (close < 0) throw new Error('xml: unterminated end tag');
      const name = source.slice(open + 2, close).trim();
      const [prefix, local] = splitName(name);
      if (stack.length < 2 || top.element.local !== local || top.element.prefix !== prefix) {
        throw new Error(`xml: unexpected </${name}>`);
      }
      stack.pop();
      position = close + 1;
    } else {
      const close = findTagEnd(source, open);
      let inner = source.slice(open + 1, close);
      const selfClosing = inner.endsWith('/');
      if (selfClosing) inner = inner.slice(0, -1);
      const nameEnd = inner.search(/\s|$/);
      const [prefix, local] = splitName(inner.slice(0, nameEnd));
      const scope = new Map(top.scope);
      const raw: Array<[string, string]> = [];
      for (const match of inner.slice(nameEnd).matchAll(ATTRIBUTE)) {
        const attrName = match[1]!;
        const value = decodeEntities(match[3] ?? match[4] ?? '');
        if (attrName === 'xmlns') scope.set('', value);
        else if (attrName.startsWith('xmlns:')) scope.set(attrName.slice(6), value);
        else raw.push([attrName, value]);
      }
      const attributes = raw.map(([name, value]): XmlAttribute => {
        const [attrPrefix, attrLocal] = splitName(name);
        return { prefix: attrPrefix, local: attrLocal, ns: attrPrefix ? (scope.get(attrPrefix) ?? '') : '', value };
      });
      const element: XmlElement = { prefix, local, ns: scope.get(prefix) ?? '', attributes, children: [], text: '' };
      top.element.children.push(element);
      if (!selfClosing) {
        if (stack.length > MAX_XML_DEPTH) throw new XmlLimitError('depth');
        stack.push({ element, scope });
      }
      position = close + 1;
    }
  }
  if (stack.length !== 1) throw new Error('xml: unclosed elements');
  const first = root.children[0];
  if (!first) throw new Error('xml: no root element');
  return first;
}

function endOf(source: string, terminator: string, from: number): number {
  const end = source.indexOf(terminator, from);
  if (end < 0) throw new Error(`xml: missing ${terminator}`);
  return end + terminator.length;
}

/** The '>' that ends a start tag, skipping '>' inside quoted attribute values. */
function findTagEnd(source: string, from: number): number {
  let quote = '';
  for (let index = from + 1; index < source.length; index += 1) {
    const char = source[index]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') return index;
  }
  throw new Error('xml: unterminated start tag');
}
