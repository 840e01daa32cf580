import { hcl, type HclBlock, type HclBodyItem } from './document';

/**
 * A Terraform `variable` block: its description, its type and, where given, one more attribute
 * (the default, or `sensitive`).
 */
export function variable(
  name: string,
  description: string,
  type: string,
  extra?: HclBodyItem,
): HclBlock {
  return hcl.block(
    'variable',
    [name],
    [
      hcl.attr('description', hcl.str(description)),
      hcl.attr('type', hcl.expr(type)),
      ...(extra ? [extra] : []),
    ],
  );
}
