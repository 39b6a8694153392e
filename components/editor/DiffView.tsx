'use client';
import { Center, Loader } from '@mantine/core';
import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import './monaco-loader';

type DiffModels = { original: { dispose(): void }; modified: { dispose(): void } };

/**
 * Two read-only texts side by side in Monaco's diff editor (F7 / Shift+F7 go from change to change).
 * Each mount makes its own two models and disposes them only after the editor is gone: disposed
 * first, as the wrapper does by default, Monaco complains that the models went before the editor.
 */
export function DiffView({
  original,
  modified,
  language,
  height = 480,
  label,
}: {
  original: string;
  modified: string;
  language: string;
  height?: number;
  label: string;
}) {
  const models = useRef<DiffModels | null>(null);
  const onMount: DiffOnMount = (editor) => {
    models.current = editor.getModel();
  };
  useEffect(
    () => () => {
      const m = models.current;
      if (m) setTimeout(() => (m.original.dispose(), m.modified.dispose()), 0);
    },
    [],
  );
  return (
    <div
      data-testid="diff-editor"
      aria-label={label}
      role="region"
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, overflow: 'hidden' }}
    >
      <DiffEditor
        height={height}
        original={original}
        modified={modified}
        language={language}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        onMount={onMount}
        loading={
          <Center h={height}>
            <Loader size="sm" />
          </Center>
        }
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          // Long lines wrap rather than run off the right edge (side by side halves the width).
          wordWrap: 'on',
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 13,
          automaticLayout: true,
          originalAriaLabel: `${label}: before`,
          modifiedAriaLabel: `${label}: after`,
        }}
      />
    </div>
  );
}
