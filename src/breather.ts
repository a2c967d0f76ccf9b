/**
 * A function to await in long loops: it yields to the event loop every 50 ms,
 * so Ctrl-C and kill are acted on at once (a signal handler runs only when the
 * event loop turns).
 */
export function breather(): () => Promise<void> {
  let last = Date.now();
  return async () => {
    if (Date.now() - last < 50) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = Date.now();
  };
}
