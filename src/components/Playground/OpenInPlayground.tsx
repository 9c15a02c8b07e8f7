/**
 * "Open in the playground": a link to the full tool that carries the embed's run. The address
 * is encoded at build time, so the link works before the island hydrates; once the reader has
 * moved or changed the run, it follows them.
 */
import { useEffect, useState } from 'react';
import { encodeRun } from '../../lib/share-link.ts';
import type { AppCode, ScenarioEvent } from '../../sim/index.ts';

export function OpenInPlayground(props: {
  /** The link to the run as the page opens it. */
  href: string;
  playgroundHref: string;
  app: Partial<AppCode>;
  events: ScenarioEvent[];
  cursor: number;
}) {
  const { href, playgroundHref, app, events, cursor } = props;
  const [current, setCurrent] = useState(href);
  useEffect(() => {
    let cancelled = false;
    void encodeRun({ scenario: { version: 1, app, events }, cursor }).then((token) => {
      if (!cancelled) setCurrent(`${playgroundHref}#run=${token}`);
    });
    return () => {
      cancelled = true;
    };
  }, [app, events, cursor, playgroundHref]);
  return (
    <a className="pg-open" href={current}>
      Open in the playground
    </a>
  );
}
