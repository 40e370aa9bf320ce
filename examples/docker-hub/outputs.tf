output "registry_host" {
  description = "Where runners pull from."
  value       = module.cache.registry_host
}

output "runner_environment" {
  description = "Environment for runner jobs (RUNS_ON_ECR_PULL_THROUGH_CACHE, ..._DOCKER_HUB_MIRROR, ..._DOCKER_HUB_PREFIX)."
  value       = module.runner.runner_environment
}

output "runner_policy_json" {
  description = "The pull policy attached to the runner role."
  value       = module.runner.policy_json
}

output "runner_role_name" {
  description = "The role to give the runners (instance profile, launch template)."
  value       = aws_iam_role.runner.name
}

output "docker_hub_secret_arn" {
  description = "Put the Docker Hub credentials in this secret."
  value       = aws_secretsmanager_secret.docker_hub.arn
}
