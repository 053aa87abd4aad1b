/// Stop lists: the function words of a language, dropped from the index (leaving a position gap, so
/// phrases do not match across them) when `AnalysisSettings.stopWords` is on. Off by default, so
/// that "state of the art" stays findable as a phrase.
///
/// The lists are Quarry's own, in the spirit of Snowball's: articles, pronouns, prepositions,
/// conjunctions, auxiliaries and their common forms, lowercase and with their accents (they are
/// compared with the case-folded word before stemming and accent removal).
enum StopWords {
    /// The stop list for a Snowball algorithm name, or an empty set.
    static func list(forStemmer stemmer: String?) -> Set<String> {
        guard let stemmer, let words = lists[stemmer] else { return [] }
        return Set(words.split(separator: " ").map(String.init))
    }

    private static let lists: [String: String] = [
        "english": """
            a about above after again against all am an and any are as at be because been before being below \
            between both but by can could did do does doing down during each few for from further had has have \
            having he her here hers herself him himself his how i if in into is it its itself just me more most \
            my myself no nor not now of off on once only or other our ours ourselves out over own same she \
            should so some such than that the their theirs them themselves then there these they this those \
            through to too under until up very was we were what when where which while who whom why will with \
            would you your yours yourself yourselves
            """,
        "french": """
            a à au aux avec ce ces cette dans de des du elle elles en et eux il ils je la le les leur leurs lui \
            ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta \
            te tes toi ton tu un une vos votre vous c d j l m n s t y été étée étées étés étant suis es est \
            sommes êtes sont serai sera serons seront étais était étions étiez étaient fus fut furent sois soit \
            soient ai as avons avez ont aurai aura aurons auront avais avait avions aviez avaient eu eue eus \
            eut eurent ceci cela ça
            """,
        "german": """
            aber alle allem allen aller alles als also am an ander andere auch auf aus bei bin bis bist da damit \
            dann das dass daß dein deine dem den der des dich die dies diese diesem diesen dieser dieses dir doch \
            dort du durch ein eine einem einen einer eines er es etwas euch euer für hab habe haben hat hatte \
            hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ist ja jede jedem jeden \
            jeder jedes jetzt kann kein keine man mein meine mich mir mit muss nach nicht nichts noch nun nur ob \
            oder ohne sehr sein seine seinem seinen seiner sich sie sind so solche soll sollte sondern um und uns \
            unser unter viel vom von vor war waren warst was weil welche wenn wer werde werden wie wieder will \
            wir wird wo zu zum zur zwar zwischen über
            """,
        "spanish": """
            a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el él \
            ella ellas ellos en entre era eran es esa esas ese eso esos esta está están estas este esto estos fue \
            fueron ha han hasta hay la las le les lo los más me mi mis mucho muy nada ni no nos nosotros o os otra \
            otros para pero poco por porque que qué quien se sea ser si sí sin sobre son su sus también te tiene \
            todo todos tu tus un una uno unos y ya yo
            """,
        "italian": """
            a ad al alla alle allo ai agli anche avere che chi ci come con contro da dal dalla dalle dei del \
            della delle dello di dove e è ed era erano essere gli ha hanno i il in io la le lei li lo loro lui ma \
            mi mia mio ne nei nel nella nelle noi non o per perché più quale quando quella quelle quello questa \
            queste questo se sei si sia siamo sono su sua sue suo suoi sul sulla tra tu un una uno voi
            """,
        "portuguese": """
            a ao aos as à às até com como da das de dela dele deles do dos e é ela elas ele eles em entre era \
            essa esse esta este eu foi for foram há isso isto já lhe mais mas me mesmo meu minha muito na nas \
            não nem no nos nós num numa o os ou para pela pelas pelo pelos por quando que quem se sem ser seu \
            sua são também te tem tu um uma você
            """,
        "dutch": """
            aan al alles als bij dan dat de der deze die dit doch door dus een en er ge geen haar had heb hebben \
            heeft hem het hier hij hoe hun iets ik in is ja je kan kon maar me meer men met mij mijn na naar niet \
            niets nog nu of om omdat ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want \
            waren was wat we wel werd wezen wie wij wil worden zal ze zei zelf zich zij zijn zo zonder zou
            """,
        "russian": """
            а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до \
            его ее ей если есть еще же за здесь и из или им их к как ко когда кто ли либо между меня мне может \
            мы на над надо нас не него нее нет ни них но ну о об однако он она они оно от очень по под при с со \
            так также такой там те тем то того тоже той только том ты у уже хотя чего чей чем что чтобы эта эти \
            это я какой какая какое какие каких каким какую каком сколько который которая которое которые \
            которых которым которой котором которую почему зачем откуда куда чья чьё чьи свой своя своё свои \
            своего своей себя себе собой этого этой этом этих этим этот тот та тех будет будут был бы \
            чем чём кого кому ком нибудь ли либо сам сама само сами самый самая самое самые
            """,
        "swedish": """
            alla allt att av blev bli blir de dem den denna deras dess det detta dig din dina ditt du där efter \
            ej eller en er era ett från för ha hade han hans har henne hennes hon honom hur här i icke in inom \
            inte jag ju kan man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om \
            oss på samma sedan sig sin sina sitta själv skulle som så till under upp ut utan vad var vara varit \
            vi vid vilka vilken är åt över
            """,
        "danish": """
            ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din disse dog \
            du efter eller en end er et for fra ham han hans har havde have hende hendes her hos hun hvad hvis \
            hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit mod ned noget nogle nu når \
            og også om op os over på selv sig sin sine sit skal skulle som sådan thi til ud under var vi vil \
            ville vor være været
            """,
        "norwegian": """
            alle at av bare begge ble blei bli blir da de deg dei deim deira deires dem den denne der dere deres \
            det dette di din disse ditt du dykk eg ein eit eitt eller elles en enn er et ett etter for fordi fra \
            før ha hadde han hans har hennar henne hennes her hjå ho hoe honom hoss hossen hun hva hvem hver \
            hvilke hvis hvor hvordan i ikke ingen inn jeg kan kom kun kunne man mange med meg men mi min mine \
            mitt mot mye no noe noen nå og også om opp oss over på sin sine sitt skal skulle slik som så til um \
            upp ut uten var vart varte ved vere verte vi vil ville vore vors vort være vært å
            """,
        "turkish": """
            acaba ama ancak artık aslında az bana bazı belki ben beni benim bir biraz birçok biri birkaç biz \
            bize bizi bizim bu buna bunda bundan bunlar bunları bunların bunu bunun burada çok çünkü da daha \
            dahi de defa diye eğer en gibi hem hep hepsi her hiç için ile ise işte kendi ki kim mı mi mu mü \
            nasıl ne neden nerede niçin niye o olan olarak oldu olduğu olup ona ondan onlar onları onların onu \
            onun orada öyle sadece sanki şey şu şunu tüm ve veya ya yani zaten
            """,
        "arabic": """
            في من على إلى الى عن مع هذا هذه ذلك تلك التي الذي الذين اللذان اللتان ما ماذا متى أين اين كيف كم \
            لماذا هل لا لم لن أن ان إن أو او ثم قد كان كانت يكون تكون كل بعض غير بين حتى عند منذ بعد قبل \
            خلال حول لدى ضد أي اي هو هي هم هن أنا انا نحن أنت انت و ف ب ل ك أيضا ايضا فقط إذا اذا لكن \
            وقد وكان وهو وهي التى الذى عام
            """,
        "finnish": """
            ei eivät emme en et ette että he heidän heitä hän häneen hänen hänet hänestä häntä ja jos joka \
            jotka kanssa kuin kun me meidän meitä minä minun minut mikä mitä mukaan mutta ne niiden niin nyt \
            olen olet olemme olette oli olivat olla on ovat se sekä sen sinä sinun siinä sitä tai te teidän \
            tämä tämän tässä vaan vai voi
            """,
    ]
}
