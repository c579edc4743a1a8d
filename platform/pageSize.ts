// Page sizes of every paginated list: the subgraphs refuse a larger `first`, and the gateway's cost
// model counts a list at the `first` it asked for (or the default).
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
