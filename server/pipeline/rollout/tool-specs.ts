import type { EnvironmentContent } from '../environment/model';
import type { ToolSpec } from './model';

/**
 * The tools of a version as an agent is offered them (OpenAI `tools`). Descriptions live with the
 * imported tools, not in the version, so the caller passes them by tool id; a tool without one is
 * described by its name, since an empty description leaves an LLM guessing.
 */
export function toolSpecs(content: EnvironmentContent, descriptions: Record<string, string> = {}): ToolSpec[] {
  return content.tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      description: descriptions[tool.toolId]?.trim() || humanName(tool.name),
      parameters: objectSchema(tool.parameters),
    },
  }));
}

/** Endpoints reject function parameters that are not an object schema (`{}` from a tool without arguments). */
function objectSchema(parameters: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(parameters);
  if (copy.type === undefined) copy.type = 'object';
  if (copy.type === 'object' && copy.properties === undefined) copy.properties = {};
  return copy;
}

function humanName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) + '.' : name;
}
