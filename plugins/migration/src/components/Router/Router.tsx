import { Route, Routes } from 'react-router-dom';
import { ApprovalsPage } from '../ApprovalsPage';
import { MigrationDetailPage } from '../MigrationDetailPage';
import { MigrationListPage } from '../MigrationListPage';

/** The plugin's pages below `/migrations`: the list, the approvals inbox and one migration. */
export const Router = () => (
  <Routes>
    <Route path="/" element={<MigrationListPage />} />
    <Route path="/approvals" element={<ApprovalsPage />} />
    <Route path="/:id" element={<MigrationDetailPage />} />
  </Routes>
);
