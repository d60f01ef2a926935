/** A readable API reference page rendered on the server from the OpenAPI document (no CDN, no script). */
interface Operation {
  summary?: string;
  tags?: string[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, { description?: string }>;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function renderApiDocs(doc: { info: { title: string; version: string }; paths?: Record<string, Record<string, Operation>> }): string {
  const byTag = new Map<string, string[]>();
  for (const [p, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'Autres / Other';
      const body = Object.entries(op.requestBody?.content ?? {})
        .map(([type, v]) => `${type}${v.schema?.$ref ? ` (${v.schema.$ref.split('/').pop()})` : ''}`)
        .join(', ');
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><code>${esc(code)}</code> ${esc(r.description ?? '')}</li>`)
        .join('');
      const row = `<article class="api-op"><h3><code class="api-method">${method.toUpperCase()}</code> <code>${esc(p)}</code></h3>
<p>${esc(op.summary ?? '')}</p>${body ? `<p>Corps / Body : <code>${esc(body)}</code></p>` : ''}<ul>${responses}</ul></article>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
    }
  }
  const sections = [...byTag].map(([tag, rows]) => `<section><h2>${esc(tag)}</h2>${rows.join('\n')}</section>`).join('\n');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} — API</title><link rel="stylesheet" href="/assets/styles.css"></head>
<body><main id="main" class="container"><h1>${esc(doc.info.title)} — API ${esc(doc.info.version)}</h1>
<p>Toutes les routes sont sous <code>/api/v1</code>, en JSON. Les erreurs sont au format <code>application/problem+json</code> et nomment chaque champ.
Authentification : cookie de session (avec l’en-tête <code>X-CSRF-Token</code> pour toute modification) ou jeton personnel <code>Authorization: Bearer …</code>.
Document OpenAPI : <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<p lang="en">All routes live under <code>/api/v1</code>, in JSON. Errors are <code>application/problem+json</code> naming each field.
Authentication: session cookie (with the <code>X-CSRF-Token</code> header on every change) or a personal token <code>Authorization: Bearer …</code>.</p>
${sections}</main></body></html>`;
}
