import type { UploadPreview } from '@/server/uploads';

export type { UploadPreview };

/**
 * Posts files to /api/uploads with XMLHttpRequest, because fetch cannot report upload progress and
 * a 30 MB collection takes a noticeable while to send.
 */
export function uploadFiles(files: File[], onProgress: (fraction: number) => void): Promise<UploadPreview[]> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response as UploadPreview[]);
      else reject(new Error((xhr.response as { error?: string } | null)?.error ?? `upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error('upload failed: the studio did not answer'));
    xhr.send(form);
  });
}

/** Pasted text becomes a file named after what it looks like, so errors can name it. */
export function pastedFile(text: string, index: number): File {
  const trimmed = text.trimStart();
  const json = trimmed.startsWith('{') || trimmed.startsWith('[');
  return new File([text], `pasted-${index}.${json ? 'json' : 'yaml'}`, { type: json ? 'application/json' : 'application/yaml' });
}

export const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 2 ** 20 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 2 ** 20).toFixed(1)} MB`);

export const FORMAT_LABELS: Record<string, string> = {
  openapi: 'OpenAPI 3',
  swagger: 'Swagger 2.0',
  postman: 'Postman',
  toolbench: 'ToolBench',
  openai: 'OpenAI tools',
  mcp: 'MCP',
  bfcl: 'BFCL',
  acebench: 'ACEBench',
};

export const locate = (e: { file: string; path: string }) => [e.file, e.path].filter(Boolean).join(', ');
