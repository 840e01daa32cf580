import { useState } from 'react';
import { Grid } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import {
  MIGRATION_ARTIFACTS,
  type ArtifactSummary,
} from '@sirsi-nexus/plugin-migration-common';
import { useArtifact } from '../../../hooks/useArtifact';
import { ArtifactDownloadButton } from '../ArtifactDownloadButton';
import { AsyncContent } from '../AsyncContent';
import { ContractArtifact } from '../ContractArtifact';
import { Bundle, type BundleLocation } from './BundleBrowser';
import { IacReportSection } from './IacReportSection';

/** The validation report, with file:line links into the bundle when there is one. */
const ReportCard = (props: {
  report: ArtifactSummary;
  onLocate?: (location: BundleLocation) => void;
}) => (
  <InfoCard
    title="Validation report"
    action={<ArtifactDownloadButton artifact={props.report} />}
  >
    <ContractArtifact
      artifact={props.report}
      definition={MIGRATION_ARTIFACTS.iacReport}
    >
      {report => (
        <IacReportSection
          report={report}
          onLocate={
            props.onLocate
              ? (file, line) => props.onLocate!({ file, line })
              : undefined
          }
        />
      )}
    </ContractArtifact>
  </InfoCard>
);

/** The generated Terraform as a file tree with a code viewer. */
const BundleCard = (props: {
  bundle: ArtifactSummary;
  location?: BundleLocation;
}) => {
  const bundle = useArtifact(props.bundle, 'bytes');
  return (
    <InfoCard
      title="Terraform bundle"
      action={<ArtifactDownloadButton artifact={props.bundle} />}
    >
      <AsyncContent state={bundle}>
        {bytes => <Bundle bytes={bytes} location={props.location} />}
      </AsyncContent>
    </InfoCard>
  );
};

/**
 * `iac-bundle.zip` + `iac-report.json`: the validation report (pass/warn/fail with file:line,
 * linked into the bundle) and the generated Terraform as a file tree with a code viewer.
 */
export const IacView = (props: {
  bundle?: ArtifactSummary;
  report?: ArtifactSummary;
}) => {
  const [location, setLocation] = useState<BundleLocation>();
  return (
    <Grid container spacing={3}>
      {props.report && (
        <Grid item xs={12}>
          <ReportCard
            report={props.report}
            onLocate={props.bundle ? setLocation : undefined}
          />
        </Grid>
      )}
      {props.bundle && (
        <Grid item xs={12}>
          <BundleCard bundle={props.bundle} location={location} />
        </Grid>
      )}
    </Grid>
  );
};
