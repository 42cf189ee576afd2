// A Cloudflare Worker module: workerd calls `fetch` of the default export.
import { handle } from './harness.js';

export default { fetch: (request: Request) => handle(request) };
