namespace Facturo.Documents;

public enum DocumentLanguage
{
    French,
    English,
}
