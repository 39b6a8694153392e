'use client';
import { Center, Loader } from '@mantine/core';
import Editor, { type EditorProps, type Monaco } from '@monaco-editor/react';
import { useEffect, useState } from 'react';
import './monaco-loader';

export type CodeEditorProps = Pick<EditorProps, 'value' | 'language' | 'height' | 'onChange' | 'path'> & {
  readOnly?: boolean;
  /** TypeScript declarations the JavaScript editor completes from (`db.`, `args.`). */
  extraLib?: { path: string; content: string };
};

export function CodeEditor({ readOnly, height = 400, extraLib, ...props }: CodeEditorProps) {
  // Taken from the editor's own mount: a second loader (useMonaco) beside it can create the editor twice.
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  useEffect(() => {
    if (!monaco || !extraLib) return;
    const js = monaco.typescript.javascriptDefaults;
    js.setCompilerOptions({ ...js.getCompilerOptions(), allowJs: true, checkJs: true });
    // Replaced, not added to, when the typings change (another version, an edited schema).
    const lib = js.addExtraLib(extraLib.content, extraLib.path);
    return () => lib.dispose();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the typings' path and text, not by the object (a new one each render)
  }, [monaco, extraLib?.content, extraLib?.path]);
  return (
    <div data-testid="code-editor" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, overflow: 'hidden' }}>
      <Editor
        height={height}
        loading={
          <Center h={height}>
            <Loader size="sm" />
          </Center>
        }
        onMount={(_editor, m) => setMonaco(m)}
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
