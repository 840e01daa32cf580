import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { Box, Chip, MenuItem, TextField } from '@material-ui/core';
import type { TableColumn } from '@backstage/core-components';
import {
  ASSESSMENT_RESOURCE_ORDER,
  type AssessmentResource,
  type AssessmentResourceOrder,
  type AssessmentResourcesQuery,
  type MigrationStrategy,
  type RiskFactorId,
  type ReceivedAlert,
} from '@sirsi-nexus/plugin-migration-common';
import { FiringAlerts } from '../../shared/FiringAlerts';
import { formatMoney, humanize } from '../../shared';
import type { AssessmentModel } from './readAssessment';
import { Caption } from '../ArtifactTable';
import {
  RemotePagedTable,
  type RemoteQuery,
} from '../../shared/RemotePagedTable';
import type { AssessmentSource } from './assessmentSource';

/** A resource as a row: sortable and searchable values beside the resource itself. */
interface ResourceRowData {
  resource: AssessmentResource;
  name: string;
  wave: number;
  strategy: string;
  reason: string;
  size: string;
  risk: number;
  cost: number;
  alerts?: ReceivedAlert[];
}

/** A value with a line of detail below it. */
const WithDetail = (props: { children: ReactNode; detail?: ReactNode }) => (
  <>
    {props.children}
    {props.detail && <Caption>{props.detail}</Caption>}
  </>
);

function resourceColumns(currency: string): TableColumn<ResourceRowData>[] {
  return [
    {
      title: 'Resource',
      field: 'name',
      highlight: true,
      render: row => (
        <WithDetail detail={row.resource.kind}>
          {row.name}
          <FiringAlerts alerts={row.alerts} />
        </WithDetail>
      ),
    },
    { title: 'Wave', field: 'wave', type: 'numeric', align: 'left' },
    {
      title: 'Strategy (7R)',
      field: 'strategy',
      render: row => (
        <WithDetail detail={row.resource.strategy.targetService}>
          {row.strategy}
        </WithDetail>
      ),
    },
    {
      title: 'Why',
      field: 'reason',
      render: row => (
        <WithDetail detail={`rule ${row.resource.strategy.rule}`}>
          {row.reason}
        </WithDetail>
      ),
    },
    {
      title: 'Target size',
      field: 'size',
      render: ({ resource: { sizing } }) => (
        <WithDetail
          detail={
            sizing && `${sizing.confidence} confidence, from ${sizing.basis}`
          }
        >
          {sizing?.instanceType ?? ''}
        </WithDetail>
      ),
    },
    { title: 'Risk', field: 'risk', type: 'numeric', align: 'left' },
    {
      title: 'Monthly cost',
      field: 'cost',
      type: 'numeric',
      align: 'left',
      searchable: false,
      render: ({ resource: { cost } }) => (
        <WithDetail detail={cost?.included === false && 'not in the totals'}>
          {cost ? formatMoney(cost.total.onDemand, currency) : ''}
        </WithDetail>
      ),
    },
  ];
}

/** How many resources take each of the 7 Rs. */
const StrategyCounts = (props: { byStrategy: Record<string, number> }) => (
  <Box
    display="flex"
    flexWrap="wrap"
    mb={2}
    style={{ gap: 8 }}
    aria-label="Strategies"
  >
    {Object.entries(props.byStrategy).map(([strategy, n]) => (
      <Chip key={strategy} label={`${humanize(strategy)}: ${n}`} />
    ))}
  </Box>
);

/** The wave, strategy and risk factor a user narrowed the table to ('' for all). */
interface ResourceFilter {
  wave: string;
  strategy: string;
  /** A risk factor id (set from the Risks table's "N more"). */
  risk: string;
}

/** The resources table unfiltered. */
const NO_RESOURCE_FILTER: ResourceFilter = {
  wave: '',
  strategy: '',
  risk: '',
};

/** A dropdown of one filter: "all" (the empty value) first, then the options. */
const FilterSelect = (props: {
  id: string;
  label: string;
  allLabel: string;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  minWidth: number;
}) => (
  <TextField
    select
    id={props.id}
    label={props.label}
    SelectProps={{ displayEmpty: true }}
    InputLabelProps={{ shrink: true }}
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    style={{ minWidth: props.minWidth }}
  >
    <MenuItem value="">{props.allLabel}</MenuItem>
    {props.options.map(o => (
      <MenuItem key={o.value} value={o.value}>
        {o.label}
      </MenuItem>
    ))}
  </TextField>
);

/** Wave and strategy dropdowns above the table; the server filters. */
const ResourceFilters = (props: {
  waves: number[];
  strategies: string[];
  /** Title of a risk factor by id. */
  riskTitle: (id: string) => string;
  value: ResourceFilter;
  onChange: (value: ResourceFilter) => void;
}) => {
  const { value, onChange } = props;
  return (
    <Box display="flex" alignItems="flex-end" mb={1} style={{ gap: 16 }}>
      <FilterSelect
        id="resources-wave-filter"
        label="Wave"
        allLabel="All waves"
        options={props.waves.map(w => ({
          value: String(w),
          label: `Wave ${w}`,
        }))}
        value={value.wave}
        onChange={wave => onChange({ ...value, wave })}
        minWidth={120}
      />
      <FilterSelect
        id="resources-strategy-filter"
        label="Strategy"
        allLabel="All strategies"
        options={props.strategies.map(v => ({ value: v, label: humanize(v) }))}
        value={value.strategy}
        onChange={strategy => onChange({ ...value, strategy })}
        minWidth={160}
      />
      {value.risk && (
        <Chip
          label={`Risk: ${props.riskTitle(value.risk)}`}
          onDelete={() => onChange({ ...value, risk: '' })}
        />
      )}
    </Box>
  );
};

/** The dropdowns' choice as the endpoint's `wave` and `strategy`. */
function filterQuery(
  filter: ResourceFilter,
): Pick<AssessmentResourcesQuery, 'wave' | 'strategy' | 'risk'> {
  return {
    ...(filter.risk ? { risk: filter.risk as RiskFactorId } : {}),
    ...(filter.wave ? { wave: [Number(filter.wave)] } : {}),
    ...(filter.strategy
      ? { strategy: [filter.strategy as MigrationStrategy] }
      : {}),
  };
}

/** Rows of a page of resources, with the alerts firing for each. */
function toRows(
  resources: AssessmentResource[],
  alerts?: Map<string, ReceivedAlert[]>,
): ResourceRowData[] {
  return resources.map(r => ({
    resource: r,
    name: r.name,
    wave: r.wave,
    strategy: humanize(r.strategy.strategy),
    reason: r.strategy.reason,
    size: r.sizing?.instanceType ?? '',
    risk: r.risk.score,
    cost: r.cost?.total.onDemand ?? 0,
    alerts: alerts?.get(r.id.toLowerCase()),
  }));
}

/** The sort column of a table query as the endpoint's `orderBy`. */
function orderOf(
  query: RemoteQuery<ResourceRowData>,
): Pick<AssessmentResourcesQuery, 'orderBy' | 'order'> {
  const field = query.orderBy?.field as string | undefined;
  if (!field || !query.orderDirection) return {};
  if (!ASSESSMENT_RESOURCE_ORDER.includes(field as AssessmentResourceOrder)) {
    return {};
  }
  return {
    orderBy: field as AssessmentResourceOrder,
    order: query.orderDirection,
  };
}

/**
 * Each resource's strategy (7R) and why, its target size, risk and monthly cost, and the alerts
 * firing for it (by resource id). Paged, sorted and searched by the source a page at a time: an
 * assessment can hold thousands of resources, and the page shows the first ones without them.
 */
export const StrategiesTable = (props: {
  model: AssessmentModel;
  source: AssessmentSource;
  alerts?: Map<string, ReceivedAlert[]>;
  /** A risk factor to list the resources of (the Risks table's "N more"); a new object applies it again. */
  riskRequest?: { risk: string };
}) => {
  const { model, source, alerts, riskRequest } = props;
  // The filters live here: changing one re-renders this table, not the whole assessment page.
  const [filter, setFilter] = useState(NO_RESOURCE_FILTER);
  useEffect(() => {
    if (riskRequest)
      setFilter({ ...NO_RESOURCE_FILTER, risk: riskRequest.risk });
  }, [riskRequest]);
  const columns = useMemo(
    () => resourceColumns(model.currency),
    [model.currency],
  );
  const riskTitle = useCallback(
    (id: string) => model.risks.find(r => r.id === id)?.title ?? id,
    [model.risks],
  );
  const data = useCallback(
    async (query: RemoteQuery<ResourceRowData>) => {
      const page = await source.listResources({
        offset: query.page * query.pageSize,
        limit: query.pageSize,
        search: query.search || undefined,
        ...orderOf(query),
        ...filterQuery(filter),
      });
      return {
        data: toRows(page.items, alerts),
        page: query.page,
        totalCount: page.totalCount,
      };
    },
    [source, alerts, filter],
  );
  return (
    <>
      <StrategyCounts byStrategy={model.assessment.summary.byStrategy} />
      <ResourceFilters
        waves={model.waves.map(w => w.number)}
        strategies={Object.keys(model.assessment.summary.byStrategy)}
        riskTitle={riskTitle}
        value={filter}
        onChange={setFilter}
      />
      <RemotePagedTable<ResourceRowData>
        label="Resources and strategies"
        columns={columns}
        data={data}
        count={model.resourceCount}
        filterKey={`${filter.wave}|${filter.strategy}|${filter.risk}`}
      />
    </>
  );
};
