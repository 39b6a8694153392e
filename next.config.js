// @ts-check
const { securityHeaders } = require('./lib/http/security-headers.cjs');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM Postgres and pg-boss/postgres open sockets: load them from node_modules at
  // run time instead of bundling them.
  serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', 'postgres', 'pg'],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders({ dev: process.env.NODE_ENV === 'development' }) }];
  },
};

module.exports = nextConfig;
