import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Progress } from '@backstage/core-components';

// One chunk per page: opening a migration's page does not wait for the list's table code.
const MigrationListPage = lazy(() =>
  import('../MigrationListPage').then(m => ({ default: m.MigrationListPage })),
);
const ApprovalsPage = lazy(() =>
  import('../ApprovalsPage').then(m => ({ default: m.ApprovalsPage })),
);
const MigrationDetailPage = lazy(() =>
  import('../MigrationDetailPage').then(m => ({
    default: m.MigrationDetailPage,
  })),
);

/** The plugin's pages below `/migrations`: the list, the approvals inbox and one migration. */
export const Router = () => (
  <Suspense fallback={<Progress />}>
    <Routes>
      <Route path="/" element={<MigrationListPage />} />
      <Route path="/approvals" element={<ApprovalsPage />} />
      <Route path="/:id" element={<MigrationDetailPage />} />
    </Routes>
  </Suspense>
);
