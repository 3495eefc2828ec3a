// Types for heic-decode 2 (it ships none): the parts the HEIC worker uses.
declare module 'heic-decode' {
  export interface DecodedImage {
    readonly width: number;
    readonly height: number;
    /** RGBA, 4 bytes a pixel, rows top to bottom, the container's rotation and mirroring applied. */
    readonly data: Uint8ClampedArray;
  }
  export interface HeifImage {
    readonly width: number;
    readonly height: number;
    decode(): Promise<DecodedImage>;
  }
  export interface HeifImages extends Array<HeifImage> {
    /** Frees libheif's memory for every image of the file. */
    dispose(): void;
  }
  export interface HeicDecode {
    (input: { readonly buffer: Uint8Array }): Promise<DecodedImage>;
    all(input: { readonly buffer: Uint8Array }): Promise<HeifImages>;
  }
  const decode: HeicDecode;
  export default decode;
}
