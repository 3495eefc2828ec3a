// Dutch and English text of the consent domain. Every key in consentNl must be in consentEn.
export const consentNl = {} as const;

export const consentEn = {} as const satisfies Record<keyof typeof consentNl, string>;
