import type { ja } from './strings'

export default {
  dataTitle: "Insurer's data",
  dataLead: 'Roster and checkup imports, viewing codes, import history and settings.',
  dataLeadOwn: 'The data of {name} ({number}).',
  chooseLead: 'Choose an insurer first.',
  insurer: 'Insurer',
  insurerPrompt: 'Choose an insurer',
  noInsurer: 'You have no insurer.',
  imports: 'Roster and checkup imports',
  importsHint: 'Import CSV, XML and zip files from the browser',
  codes: 'Viewing codes',
  codesHint: 'Issue, re-issue queue, status, postcard print file',
  history: 'Import history',
  historyHint: 'Who imported what, and when (90 days)',
  settings: "Insurer's settings",
  settingsHint: 'Restrictions, maintenance (message and end time)',
  staffLink: 'Staff',
  staffHint: 'Invite staff, change their role, remove them',
  insurerOf: '{name} (insurer number {number})',
  refusedTitle: "You cannot work on this insurer's data",
  refused:
    "You may not work on this insurer's data, or the insurer was not found. Please open it from your own insurer.",
  toData: "Go to the insurer's data",
  loadFailed: 'Could not load.',
  retry: 'Reload',
} satisfies Record<keyof typeof ja, string>
