/**
 * The tree `describe` prints: each node one line, warnings marked where the chain breaks.
 * Built as plain data, rendered by renderTree; colours come in as functions.
 */

export interface TreeNode {
  readonly label: string;
  readonly children: readonly TreeNode[];
  /** This link of the chain is broken: the label is a warning. */
  readonly warning?: boolean;
}

export function node(label: string, children: readonly TreeNode[] = []): TreeNode {
  return { label, children };
}

export function warning(label: string, children: readonly TreeNode[] = []): TreeNode {
  return { label, children, warning: true };
}

export interface TreeStyle {
  readonly warn: (s: string) => string;
  readonly dim: (s: string) => string;
}

const PLAIN: TreeStyle = { warn: (s) => s, dim: (s) => s };

/** `├── ` / `└── ` branches, as `tree` draws them; a warning line starts with "! ". */
export function renderTree(root: TreeNode, style: TreeStyle = PLAIN): string {
  const out: string[] = [root.label];
  const walk = (n: TreeNode, prefix: string) => {
    n.children.forEach((c, i) => {
      const last = i === n.children.length - 1;
      const label = c.warning ? style.warn(`! ${c.label}`) : c.label;
      out.push(`${prefix}${style.dim(last ? "└── " : "├── ")}${label}`);
      walk(c, `${prefix}${style.dim(last ? "    " : "│   ")}`);
    });
  };
  walk(root, "");
  return `${out.join("\n")}\n`;
}

/** Every warning label in a tree, in order, for the summary under it. */
export function warningsOf(root: TreeNode): string[] {
  const out: string[] = [];
  const walk = (n: TreeNode) => {
    if (n.warning) out.push(n.label);
    for (const c of n.children) walk(c);
  };
  walk(root);
  return out;
}
