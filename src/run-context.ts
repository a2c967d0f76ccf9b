/** State one run shares between its stages. Not options: nobody sets these from the command line or the config. */
import type { StoreSession } from './io/stores/index.js';
import type { SecretSet } from './secret-set.js';

export interface RunContext {
  /** The run's secrets; a new set when not given. */
  secrets?: SecretSet;
  /** Store answers to reuse, so that one command (apply: diff, then render) asks each store once. */
  storeSession?: StoreSession;
}
