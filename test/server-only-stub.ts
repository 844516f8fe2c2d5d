// Vitest runs outside React's server environment, where `server-only` throws
// on import by design; tests alias it to this empty module.
export {};
