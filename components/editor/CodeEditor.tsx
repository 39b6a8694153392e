'use client';
import { Center, Loader } from '@mantine/core';
import Editor, { loader, type EditorProps } from '@monaco-editor/react';

// Monaco is served by the studio itself (scripts/copy-monaco.mjs); the loader's default is a CDN.
loader.config({ paths: { vs: '/monaco/vs' } });

export type CodeEditorProps = Pick<EditorProps, 'value' | 'language' | 'height' | 'onChange' | 'path'> & { readOnly?: boolean };

export function CodeEditor({ readOnly, height = 400, ...props }: CodeEditorProps) {
  return (
    <div data-testid="code-editor" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, overflow: 'hidden' }}>
      <Editor
        height={height}
        loading={
          <Center h={height}>
            <Loader size="sm" />
          </Center>
        }
        options={{
          readOnly,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 13,
          automaticLayout: true,
          tabSize: 2,
        }}
        {...props}
      />
    </div>
  );
}
