// @ts-check
const { securityHeaders } = require('./lib/http/security-headers.cjs');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM Postgres and pg-boss/postgres open sockets: load them from node_modules at
  // run time instead of bundling them.
  serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', 'postgres', 'pg'],
  poweredByHeader: false,
  // The e2e server builds right after `npm test` type-checked the same code, so it skips the build's
  // own check; CI (a fresh clone each run) also skips writing a build cache nobody reads again.
  typescript: { ignoreBuildErrors: process.env.STUDIO_BUILD_SKIP_TYPECHECK === '1' },
  experimental: { turbopackFileSystemCacheForBuild: !process.env.CI },
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders({ dev: process.env.NODE_ENV === 'development' }) }];
  },
};

module.exports = nextConfig;
