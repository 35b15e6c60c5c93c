import * as v from 'valibot'

/**
 * Viewing codes (健診閲覧コード) as the operator API issues them: POST /api/ops/insurers/:number/codes/issue
 * takes at most this many persons a request (each code costs a password hash on the server, so a request
 * stays well inside the Worker's CPU time), and the command line sends that many.
 */
export const CODES_PER_REQUEST = 50

/**
 * Confirming a run (POST …/codes/runs/:id/confirm): how many codes the print file holds. The server
 * confirms only when the run holds exactly that many live codes (else 409 wrong_state count_mismatch),
 * so a code some failed request inserted, in no file, never becomes usable.
 */
export const CodesConfirmBody = v.strictObject({
  codes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
})
