/** Today as YYYY-MM-DD (UTC); EKS_CDKTF_TODAY overrides it for reproducible runs, reviews and tests. */
export function today(): string {
  return process.env.EKS_CDKTF_TODAY || new Date().toISOString().slice(0, 10);
}
