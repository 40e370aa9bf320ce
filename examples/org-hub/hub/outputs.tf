output "registry_account_id" {
  description = "The spokes' registry_account_id."
  value       = module.cache.registry_account_id
}

output "registry_region" {
  description = "The spokes' registry_region."
  value       = module.cache.registry_region
}

output "registry_host" {
  description = "Where every spoke's runners pull from."
  value       = module.cache.registry_host
}

output "ecr_pull_through_cache_rules" {
  description = "The spokes' ecr_pull_through_cache_rules."
  value       = module.cache.ecr_pull_through_cache_rules
}

output "registry_policy_json" {
  description = "The registry policy: first pulls (CreateRepository, BatchImportUpstreamImage) under the cached prefixes."
  value       = module.cache.registry_policy_json
}

output "shared_repository_policy_json" {
  description = "The repository policy every cache repository gets: pulls."
  value       = module.cache.shared_repository_policy_json
}

output "docker_hub_secret_arn" {
  description = "Put the Docker Hub credentials in this secret."
  value       = aws_secretsmanager_secret.docker_hub.arn
}
