/**
 * The one import of zod in the app (eslint refuses `from "zod"` anywhere else).
 *
 * zod 4 compiles object parsers with `new Function` and, to find out whether it may, probes
 * `Function("")` when the first object schema is built. Our Content-Security-Policy forbids eval,
 * so in the browser that probe was a CSP violation (and a console error) on every editor load.
 * jitless skips the probe and the compiled parsers; this module sets it before any schema exists,
 * because every schema module imports z from here.
 */
import { z } from "zod";

z.config({ jitless: true });

export { z };
