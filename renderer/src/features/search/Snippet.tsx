import type { SearchField, SnippetPart } from '../../../../electron/contract';

/** A snippet as text nodes, the matched parts in <mark> (never parsed as HTML); codes in the mono font. */
export function Snippet({ parts, field }: { parts: SnippetPart[]; field: SearchField }) {
  const mono = field === 'code' || field === 'idno';
  return (
    <span className={mono ? 'search-snippet mono' : 'search-snippet'} data-testid="hit-snippet">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
