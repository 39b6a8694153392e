'use client';
import { loader } from '@monaco-editor/react';

// Monaco is served by the studio itself (scripts/copy-monaco.mjs); the loader's default is a CDN.
// Every editor component imports this module before it renders one.
loader.config({ paths: { vs: '/monaco/vs' } });
