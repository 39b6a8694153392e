// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM Postgres and pg-boss/postgres open sockets: load them from node_modules at
  // run time instead of bundling them.
  serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', 'postgres', 'pg'],
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
