# A tiny configuration for the harness's own tests: a local child module used with for_each, an on/off toggle,
# outputs that are known, unknown until apply, partly unknown and null-safe, and a check block.
# Without with_aws_resource it makes no AWS call, so it can be applied offline.
terraform {
  required_version = ">= 1.9"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "prefixes" {
  description = "Repository prefixes, one policy document per key."
  type        = map(string)
}

variable "enabled" {
  description = "Create anything at all."
  type        = bool
  default     = true
}

variable "with_aws_resource" {
  description = "Also plan an aws_iam_policy (plan only: applying it needs AWS)."
  type        = bool
  default     = false
}

module "policy" {
  source   = "../harness-fixture-module"
  for_each = var.enabled ? var.prefixes : {}

  prefix = each.value
}

resource "terraform_data" "marker" {
  count = var.enabled ? 1 : 0
  input = { prefixes = sort(values(var.prefixes)) }
}

resource "aws_iam_policy" "this" {
  count  = var.enabled && var.with_aws_resource ? 1 : 0
  name   = "pt-harness-fixture"
  policy = module.policy[sort(keys(var.prefixes))[0]].json
}

check "no_root" {
  assert {
    condition     = !contains(values(var.prefixes), "ROOT")
    error_message = "A ROOT prefix grants every repository."
  }
}

output "policies" {
  description = "Policy JSON per key."
  value       = { for k, m in module.policy : k => m.json }
}

output "marker_id" {
  description = "Unknown until apply; null when disabled."
  value       = try(terraform_data.marker[0].id, null)
}

output "env" {
  description = "One key known at plan time, one only after apply."
  value = {
    KNOWN = join(",", sort(values(var.prefixes)))
    LATER = try(terraform_data.marker[0].id, "")
  }
}

output "policy_arn" {
  description = "Null-safe ARN of the optional AWS policy."
  value       = try(aws_iam_policy.this[0].arn, null)
}
