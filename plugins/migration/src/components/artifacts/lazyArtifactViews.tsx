import { lazy, Suspense, type ReactNode } from 'react';
import { Progress } from '@backstage/core-components';

/**
 * The artifact views (charts, the dependency graph, tables, code) load on their own, so a
 * migration's phases and controls are usable before them.
 */
export const LazyArtifactPreview = lazy(() =>
  import('./ArtifactPreview').then(m => ({ default: m.ArtifactPreview })),
);

/** See {@link LazyArtifactPreview}. */
export const LazyIacView = lazy(() =>
  import('./iac/IacView').then(m => ({ default: m.IacView })),
);

/** See {@link LazyArtifactPreview}. */
export const LazyArtifactList = lazy(() =>
  import('./ArtifactList').then(m => ({ default: m.ArtifactList })),
);

/** Shows progress while a lazy artifact view loads. */
export const ArtifactViewSuspense = (props: { children: ReactNode }) => (
  <Suspense fallback={<Progress />}>{props.children}</Suspense>
);
