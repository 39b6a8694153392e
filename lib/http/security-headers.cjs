// The headers every response of the studio carries (next.config.js `headers()`). CommonJS because
// next.config.js loads it before any TypeScript loader exists.

/**
 * As strict as the studio's pages allow. Next.js inlines its bootstrap scripts and Mantine and
 * Monaco inject styles at run time, so both need 'unsafe-inline' (nonces would need a proxy,
 * which makes Next.js buffer request bodies: uploads would be cut at 10 MB). Monaco (public/monaco)
 * starts its language workers from its own files or blob: URLs and loads its icon font from itself.
 * The development server also evaluates code (React's debugging) and talks over a websocket.
 */
function contentSecurityPolicy(dev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** @param {{ dev?: boolean }} [opts] */
function securityHeaders(opts = {}) {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(Boolean(opts.dev)) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    // For browsers that predate frame-ancestors.
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Referrer-Policy', value: 'same-origin' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}

module.exports = { securityHeaders };
