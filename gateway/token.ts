// `npm run token -- --scopes employee:read,org:read [--kind analyst] [--sub alice] [--ttl 8h] [--issuer <url>]`:
// prints a bearer token from the development issuer the running `npm start` uses (dev mode only), or
// refuses naming the issuer it expected (platform/auth/devTokenCommand.ts).
import { devTokenCommand } from '../platform/auth/devTokenCommand.js';

const result = await devTokenCommand(process.argv.slice(2));
if (result.stdout) console.log(result.stdout);
if (result.stderr) console.error(result.stderr);
process.exitCode = result.exitCode;
