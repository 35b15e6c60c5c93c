/**
 * The child route of /checkups (`/` the newest, `/:date` one checkup: /checkups/2026-06-10). It draws
 * nothing: the results screen (Checkups, the parent route) reads the date with useParams. Being a
 * child keeps the parent mounted while the date changes, so a tab, Back or Forward moves between
 * checkups without asking for the identity check or the list again; a route of its own would
 * replace the whole screen at each change between /checkups and /checkups/<date>.
 */
export default function CheckupDate() {
  return null
}
