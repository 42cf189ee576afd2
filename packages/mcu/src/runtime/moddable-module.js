/* The Moddable XS module (ES module): scripts/build.mjs puts the runtime, the device operation table and the
   Moddable transport at the marker below, inside a CommonJS-style scope, and exports it with the transport bound
   to `Request` from "http" and `Timer` from "timer". */
import { Request } from "http";
import Timer from "timer";

var module = { exports: {} };
var exports = module.exports;

/*@runtime*/

var tagokit = module.exports;

/* createClient with the Moddable transport by default; pass options.SecureSocket on boards with TLS. */
tagokit.connect = function (options) {
  if (!options.transport) options.transport = tagokit.moddable(Request, Timer, options.SecureSocket);
  return tagokit.createClient(options);
};

export default tagokit;
