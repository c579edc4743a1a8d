// The four subgraphs by name and the ports they listen on by default: what the gateway, the
// subgraphs and the whole-stack runner agree on.
export type SubgraphName = 'employee' | 'organisation' | 'absence' | 'payroll';
export const SUBGRAPHS: readonly SubgraphName[] = ['employee', 'organisation', 'absence', 'payroll'];

export const DEFAULT_PORTS: Record<SubgraphName, number> = { employee: 4001, organisation: 4002, absence: 4003, payroll: 4004 };
