import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { MigrationsPage } from './MigrationsPage';

describe('MigrationsPage', () => {
  it('renders the page with the nine phases', async () => {
    await renderInTestApp(<MigrationsPage />);

    expect(
      screen.getByRole('heading', { level: 1, name: 'Migrations' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/environment → plan → specify/),
    ).toBeInTheDocument();
  });
});
