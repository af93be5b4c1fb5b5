/**
 * How much text one request may still turn into HTML. Rendering is linear, but a request can ask for
 * many texts (aliases, pages of users or media): each text rendered is charged its real length, and a
 * request that has spent its allowance gets no more renders, so its cost grows with the characters it
 * makes the server read, not with the number of fields the static cost model counts.
 */
export class RenderBudget {
  private spent = 0

  /** `limit` characters per request; 0 means no limit. */
  constructor(readonly limit: number) {}

  /** Takes `chars` from the allowance; false (and nothing taken) when they do not fit. */
  spend(chars: number): boolean {
    if (this.limit > 0 && this.spent + chars > this.limit) return false
    this.spent += chars
    return true
  }

  /** The characters charged so far. */
  get used(): number {
    return this.spent
  }
}
