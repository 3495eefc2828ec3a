// Dutch and English text of the library domain. Every key in libraryNl must be in libraryEn.
export const libraryNl = {} as const;

export const libraryEn = {} as const satisfies Record<keyof typeof libraryNl, string>;
