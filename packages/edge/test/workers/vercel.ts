// A Vercel Edge Function: a default-exported handler of Request (edge-runtime is the runtime Vercel runs it in).
import { handle } from './harness.js';

export const config = { runtime: 'edge' };
export default function handler(request: Request): Promise<Response> {
  return handle(request);
}
