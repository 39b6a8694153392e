/**
 * Postman sends a JSON body after removing `//` comment lines and substituting `{{vars}}`, which
 * may stand unquoted for numbers; both are made parseable here.
 */
export function parseJsonBody(text: string): { value: unknown } | { error: string } {
  const uncommented = text.replace(/^\s*\/\/.*$/gm, '');
  try {
    return { value: JSON.parse(uncommented) };
  } catch {
    try {
      return { value: JSON.parse(uncommented.replace(/(^|[^"])\{\{([^{}]+?)\}\}(?!")/g, '$1"{{$2}}"')) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
}
