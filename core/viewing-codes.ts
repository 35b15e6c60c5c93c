/**
 * Viewing codes (健診閲覧コード) as the operator API issues them: POST /api/ops/insurers/:number/codes/issue
 * takes at most this many persons a request (each code costs a password hash on the server, so a request
 * stays well inside the Worker's CPU time), and the command line sends that many.
 */
export const CODES_PER_REQUEST = 50
