// Dutch and English text of the consent screen's rule panels: protected pupils, the privacy officer, pupils turning
// 16 and the renewal lists.
export const uiConsentRulesNl = {
  'ui.chooseFile.renewal': 'Lijst met ontbrekende formulieren opslaan',
  'ui.audit.action.person.protect': 'Gemarkeerd als nooit publiceren',
  'ui.audit.action.person.unprotect': 'Markering nooit publiceren weggehaald',
  'ui.audit.action.role.grant': 'Privacy officer aangewezen',
  'ui.audit.action.role.revoke': 'Rol privacy officer afgenomen',
} as const;

export const uiConsentRulesEn = {
  'ui.chooseFile.renewal': 'Save the list of missing forms',
  'ui.audit.action.person.protect': 'Marked never publish',
  'ui.audit.action.person.unprotect': 'Never publish mark taken off',
  'ui.audit.action.role.grant': 'Privacy officer named',
  'ui.audit.action.role.revoke': 'Privacy officer role taken away',
} as const satisfies Record<keyof typeof uiConsentRulesNl, string>;
