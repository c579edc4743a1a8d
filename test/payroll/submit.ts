// The submitOneOffPayments operation as a client sends it, shared by the payroll mutation tests.
export const SUBMIT = /* GraphQL */ `
  mutation Submit($n: ID!, $p: [OneOffPaymentInput!]!, $v: Boolean! = false, $k: String) {
    submitOneOffPayments(employmentNumber: $n, payments: $p, validateOnly: $v, idempotencyKey: $k) {
      employmentNumber accepted stored validateOnly updateId timestamp replayed
      messages { code opusCode severity text line }
    }
  }
`;

/** One valid payment line; `extra` overrides or adds fields. */
export const paymentLine = (extra: Record<string, unknown> = {}) => ({ wageType: '2440', sequence: 1, quantity: 7.5, startDate: '2026-12-01', ...extra });
