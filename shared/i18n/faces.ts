// Dutch and English text of the faces domain. Every key in facesNl must be in facesEn.
export const facesNl = {} as const;

export const facesEn = {} as const satisfies Record<keyof typeof facesNl, string>;
