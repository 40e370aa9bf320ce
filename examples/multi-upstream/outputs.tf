output "registry_host" {
  description = "Where runners pull from."
  value       = module.cache.registry_host
}

output "runner_environment" {
  description = "Environment for runner jobs."
  value       = module.runner.runner_environment
}

output "repository_url_prefixes" {
  description = "Per upstream, what image references start with, e.g. <host>/quay/<org>/<image>:<tag>."
  value       = module.cache.repository_url_prefixes
}

output "policy_arn" {
  description = "The pull policy; attach it to further runner roles."
  value       = module.access.policy_arn
}

output "credential_secret_arns" {
  description = "Put each upstream's credentials in its secret."
  value       = { for name, secret in aws_secretsmanager_secret.upstream : name => secret.arn }
}
