// @ts-check
// What the emulator counts about the requests of the API: how many, by status, and how many hit a rate limit.

export class RequestStats {
  constructor() {
    this.requests = 0;
    /** @type {Record<string, number>} */
    this.byStatus = {};
    this.rateLimited = 0;
  }

  /** @param {number} status */
  count(status) {
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
  }

  reset() {
    this.requests = 0;
    this.byStatus = {};
    this.rateLimited = 0;
  }

  /** The counters as plain data (`byStatus` is the live record, as it always was). */
  snapshot() {
    return { requests: this.requests, byStatus: this.byStatus, rateLimited: this.rateLimited };
  }
}
