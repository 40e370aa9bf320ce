output "runner_environment" {
  description = "Environment for runner jobs: RUNS_ON_ECR_PULL_THROUGH_CACHE is the hub's registry host."
  value       = module.runner.runner_environment
}

output "runner_policy_json" {
  description = "The pull policy attached to the runner role: the hub's repositories under the cached prefixes."
  value       = module.runner.policy_json
}

output "hook_rules_json" {
  description = "The file `pullthrough hook start --rules` reads on the runners."
  value       = module.runner.hook_rules_json
}

output "runner_role_name" {
  description = "The role to give the runners (instance profile, launch template)."
  value       = aws_iam_role.runner.name
}
