// The last step of `migrate`: the services' own login role (deploy/serviceRole.ts).
import { main } from './serviceRole.js';

await main();
